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

/* The version `vedtak.pdf.pdfium.CHARBOXES_VERSION` expects: a stale build is not used. */
int charboxes_version(void) { return 1; }

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
