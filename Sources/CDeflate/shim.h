// zlib for the index's compressed normalised texts (compress2/uncompress at a chosen level).
#include <zlib.h>
