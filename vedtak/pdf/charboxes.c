/* PDFium's per-character (and per-path-object) calls over a whole page in one call from Python.

   vedtak.pdf.pdfium asks PDFium for the loose box of every word character of a page and the text
   object of every run's first character: one call each. Through ctypes a call costs ~0.33 us, of
   which PDFium's own work is ~0.01 us (measured over 788,329 characters of the bench corpus), so
   the calls are made here, in a loop, through the function pointers that module passes in (the
   very functions of the PDFium library pypdfium2 loaded: this file links to nothing).
   scripts/setup.sh builds it (`cc -O2 -shared -fPIC`) into _charboxes.so beside this file;
   without it the module makes the same calls one by one. The caller holds PDFIUM_LOCK. */

typedef int (*loose_box_fn)(void *textpage, int index, float *rect);
typedef void *(*text_object_fn)(void *textpage, int index);
typedef double (*font_size_fn)(void *textpage, int index);
typedef int (*font_weight_fn)(void *textpage, int index);
typedef unsigned long (*font_info_fn)(void *textpage, int index, void *buffer, unsigned long buflen, int *flags);

/* The version `vedtak.pdf.pdfium.CHARBOXES_VERSION` expects: a stale build is not used. */
int charboxes_version(void) { return 3; }

/* FPDFText_GetLooseCharBox of each character idx[k] into out[4 * idx[k] ..] (an FS_RECTF: left,
   top, right, bottom); 1 when every call succeeded. */
int loose_boxes(loose_box_fn get, void *textpage, const long long *idx, long long n, float *out) {
    int ok = 1;
    for (long long k = 0; k < n; k++) {
        if (!get(textpage, (int)idx[k], out + 4 * idx[k]))
            ok = 0;
    }
    return ok;
}

/* FPDFText_GetTextObject of each character idx[k] into out[k]. */
void text_objects(text_object_fn get, void *textpage, const long long *idx, long long n, void **out) {
    for (long long k = 0; k < n; k++)
        out[k] = get(textpage, (int)idx[k]);
}

/* Whether `word` (lower-case ASCII) occurs in `name` up to its first NUL (or `len` bytes), in any case:
   what Python's `word in name.decode("latin-1").lower()` says (no Latin-1 letter lowers to ASCII). */
static int has_word(const char *name, unsigned long len, const char *word) {
    unsigned long end = 0;
    while (end < len && name[end])
        end++;
    for (unsigned long at = 0; at < end; at++) {
        unsigned long j = 0;
        while (word[j] && at + j < end) {
            char ch = name[at + j];
            if (ch >= 'A' && ch <= 'Z')
                ch = (char)(ch - 'A' + 'a');
            if (ch != word[j])
                break;
            j++;
        }
        if (!word[j])
            return 1;
    }
    return 0;
}

/* The font of each character idx[k], as vedtak.pdf.pdfium._font_at reads it one call at a time: its
   size, and bold when its weight is at least `bold_weight` or else its font's name (read into `name`,
   `name_len` bytes, which FPDFText_GetFontInfo leaves untouched for a longer name) says bold, black or
   heavy. */
void fonts(font_size_fn size, font_weight_fn weight, font_info_fn info, void *textpage, const long long *idx,
           long long n, int bold_weight, char *name, unsigned long name_len, int *flags, double *out_size,
           unsigned char *out_bold) {
    for (long long k = 0; k < n; k++) {
        int i = (int)idx[k];
        out_size[k] = size(textpage, i);
        int bold = weight(textpage, i) >= bold_weight;
        if (!bold) {
            info(textpage, i, name, name_len, flags);
            bold = has_word(name, name_len, "bold") || has_word(name, name_len, "black") || has_word(name, name_len, "heavy");
        }
        out_bold[k] = (unsigned char)bold;
    }
}

/* The PDFium functions `paths` calls, in this order. */
struct path_calls {
    int (*page_count)(void *page);
    void *(*page_object)(void *page, int index);
    int (*form_count)(void *form);
    void *(*form_object)(void *form, unsigned long index);
    int (*object_type)(void *object);
    int (*object_bounds)(void *object, float *left, float *bottom, float *right, float *top);
    int (*draw_mode)(void *object, int *fill, int *stroke);
    int (*count_segments)(void *object);
};

#define PAGEOBJ_PATH 2
#define PAGEOBJ_FORM 5

/* What vedtak.pdf.pdfium._graphics asks of each path object; `n` counts every filled or stroked one,
   the first `capacity` written: bounds (left, bottom, right, top) into out_bounds, fill, stroke and the
   segment count into out_modes. `modes` holds fill and stroke across objects, as a failed
   FPDFPath_GetDrawMode leaves them. 0, or the error: -1 no object count, -2 no object, -3 no bounds. */
static int walk(const struct path_calls *c, void *parent, int form, int level, int *modes, long long *n,
                long long capacity, float *out_bounds, int *out_modes) {
    int count = form ? c->form_count(parent) : c->page_count(parent);
    if (count < 0)
        return -1;
    for (int i = 0; i < count; i++) {
        void *obj = form ? c->form_object(parent, (unsigned long)i) : c->page_object(parent, i);
        if (!obj)
            return -2;
        int kind = c->object_type(obj);
        if (kind == PAGEOBJ_PATH) {
            float b[4];
            if (!c->object_bounds(obj, &b[0], &b[1], &b[2], &b[3]))
                return -3;
            c->draw_mode(obj, &modes[0], &modes[1]);
            if (!modes[0] && !modes[1])
                continue;
            if (*n < capacity) {
                for (int k = 0; k < 4; k++)
                    out_bounds[4 * *n + k] = b[k];
                out_modes[3 * *n] = modes[0];
                out_modes[3 * *n + 1] = modes[1];
                out_modes[3 * *n + 2] = c->count_segments(obj);
            }
            (*n)++;
        } else if (kind == PAGEOBJ_FORM && level < 14) {
            int err = walk(c, obj, 1, level + 1, modes, n, capacity, out_bounds, out_modes);
            if (err)
                return err;
        }
    }
    return 0;
}

/* The filled or stroked path objects of a page, descending into forms (15 levels) in order: their
   number (more than `capacity`: call again with room for all), or the error of `walk`. */
long long paths(const struct path_calls *calls, void *page, long long capacity, float *out_bounds, int *out_modes) {
    int modes[2] = {0, 0};
    long long n = 0;
    int err = walk(calls, page, 0, 0, modes, &n, capacity, out_bounds, out_modes);
    return err ? err : n;
}
