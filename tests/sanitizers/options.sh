# The sanitizer options of the ASan/UBSan test run (scripts/test.sh) and of the leak canary (leak_canary.sh);
# source it with $here set to the source folder.
#
# fast_unwind_on_malloc=0: Debian's C libraries are built without frame pointers, so ASan's fast unwinder stops
# at the first frame inside one of them and a leak's stack shows only an offset in, say, libfontconfig.so. Then a
# suppression can only name a whole library, which also hides our own objects allocated through it. The DWARF
# unwinder gives whole stacks, so lsan.supp can name the functions inside the C libraries that keep their caches.
# malloc_context_size=16: deep enough to reach those functions (the deepest seen is cairo_surface_finish, 10
# frames above the allocation); each frame costs: 16 frames made test_layout 5.2 times slower than the fast
# unwinder, 30 frames (the default) 7.9 times.
# G_SLICE=always-malloc: GLib's slice allocator hands out GObjects (a PangoLayout, a PangoContext, an
# RsvgHandle) from pages it keeps for ever, so a leaked object stays reachable and LeakSanitizer cannot see it;
# with plain malloc it can (GLib's documentation, "Running GLib Applications": G_SLICE=always-malloc for leak
# checkers).
export G_SLICE=always-malloc
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1:fast_unwind_on_malloc=0:malloc_context_size=16"
export LSAN_OPTIONS="suppressions=$here/tests/sanitizers/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
