// Internal shim: zlib's inflate API, used to read gzipped IDX files.
#include <zlib.h>
