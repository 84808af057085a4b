// Internal shim: libpng's simplified API (png_image_*), which needs no setjmp.
#include <png.h>
