#ifndef MOFKIT_CLIBXML2_SHIM_H
#define MOFKIT_CLIBXML2_SHIM_H
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/SAX2.h>
#include <libxml/xmlreader.h>
#endif
