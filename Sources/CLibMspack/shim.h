#ifndef MOFKIT_CLIBMSPACK_SHIM_H
#define MOFKIT_CLIBMSPACK_SHIM_H
#include <mspack.h>
#endif
