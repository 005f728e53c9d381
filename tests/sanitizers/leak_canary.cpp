// The leak canary (issue 11): leaks, on purpose, objects that takehome's own code makes through the C libraries,
// so that the ASan run shows that tests/sanitizers/lsan.supp hides none of them. A suppression that named a whole
// library (`leak:libpango-1.0.so`) once hid a PangoLayout leaked by our own shaping code; the narrowed list names
// only functions inside the C libraries that keep process-lifetime caches. Run by leak_canary.sh, which expects
// LeakSanitizer to report both leaks below.
#include <fontconfig/fontconfig.h>
#include <pango/pango.h>

namespace {

// Kept reachable from nowhere once main returns: volatile stops the compiler from dropping the calls.
void* volatile sink = nullptr;

void leak_a_layout() {
    PangoContext* context = pango_context_new();  // no font map: nothing is shaped, no system fontconfig loaded
    PangoLayout* layout = pango_layout_new(context);
    pango_layout_set_text(layout, "a leaked glyph run", -1);
    sink = layout;
    g_object_unref(context);  // the layout keeps its own reference to the context
}

void leak_a_pattern() {
    FcPattern* pattern = FcPatternCreate();
    FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>("Noto Sans"));
    sink = pattern;
}

}  // namespace

int main() {
    leak_a_layout();
    leak_a_pattern();
    sink = nullptr;  // both objects are now unreachable: leaks
    return 0;
}
