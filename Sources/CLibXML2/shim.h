#ifndef CHACHONG_CLIBXML2_SHIM_H
#define CHACHONG_CLIBXML2_SHIM_H

// Debian's libxml2 is built with ICU; its headers then pull in the system ICU, which clashes
// with the ICU module Swift's Foundation brings ("'UErrorCode' has different definitions").
// chachong never uses libxml2's ICU encoding hooks, so hide them before any other header.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>

// xmlFree is a mutable global function pointer in Debian's build, which Swift 6 rejects as
// not concurrency-safe; calling it from C is fine.
static inline void chachong_xmlFree(void *pointer) { xmlFree(pointer); }

#endif
