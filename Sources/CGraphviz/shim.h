// Internal shim: exposes libgvc (layout + rendering) and libcgraph (graph model) to Swift.
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
