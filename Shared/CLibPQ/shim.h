#ifndef OCC_CLIBPQ_SHIM_H
#define OCC_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
