// The ncurses surface cachewatch uses, made importable from Swift 6.
// Macros and global variables do not import; these inline functions stand in for them.
#ifndef CACHEWATCH_NCURSES_SHIM_H
#define CACHEWATCH_NCURSES_SHIM_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <curses.h>

static inline WINDOW *cw_stdscr(void) { return stdscr; }
static inline int cw_cols(void) { return COLS; }
static inline int cw_lines(void) { return LINES; }
static inline int cw_colors(void) { return COLORS; }
static inline int cw_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t cw_a_normal(void) { return A_NORMAL; }
static inline attr_t cw_a_bold(void) { return A_BOLD; }
static inline attr_t cw_a_dim(void) { return A_DIM; }
static inline attr_t cw_a_reverse(void) { return A_REVERSE; }
static inline attr_t cw_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cw_a_italic(void) {
#ifdef A_ITALIC
    return A_ITALIC;
#else
    return A_NORMAL;
#endif
}

static inline int cw_key_f(int n) { return KEY_F(n); }

/// Draws one cell: a wide-character string (base + combining marks) with attributes and a colour pair.
/// Returns -2 when the characters cannot form a cell.
static inline int cw_put_cell(int y, int x, const wchar_t *wch, attr_t attrs, int pair) {
    cchar_t cell;
    if (setcchar(&cell, wch, attrs, (short)0, &pair) != OK) {
        return -2;
    }
    // ERR from the bottom-right cell only means the cursor could not advance; the cell is drawn.
    mvwadd_wch(stdscr, y, x, &cell);
    return OK;
}

/// Reads one key or character; returns the get_wch result code and stores the value.
static inline int cw_get_wch(wint_t *out) { return wget_wch(stdscr, out); }

#endif
