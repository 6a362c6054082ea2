/* PDFium's per-character calls over many characters in one call from Python.

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
int charboxes_version(void) { return 2; }

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
