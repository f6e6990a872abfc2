#ifndef MOFKIT_CLIBXML2_SHIM_H
#define MOFKIT_CLIBXML2_SHIM_H
/* Debian's libxml2 is built with ICU, so its encoding.h includes the system's <unicode/ucnv.h>.
 * Foundation ships its own copy of ICU's headers, and a Swift module that sees both fails to build
 * ("'UErrorCode' has different definitions in different modules"). mofkit never touches the ICU
 * converter fields of xmlCharEncodingHandler (it only passes pointers to libxml2), so hide them. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/SAX2.h>
#include <libxml/xmlreader.h>
#endif
