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

/// Declared in <term.h>, whose macros would clash with Swift names.
extern int setupterm(const char *term, int filedes, int *errret);

/// 1 when TERM names a terminal the terminfo database knows (initscr would exit the process otherwise).
static inline int cw_terminal_known(int fd) {
    int status = 0;
    return setupterm(NULL, fd, &status) == OK ? 1 : 0;
}

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

/// Turns on reports of the mouse wheel (and nothing else, so clicks still select text where possible).
static inline void cw_enable_wheel(void) {
    mousemask(BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    mouseinterval(0);
}

/// After KEY_MOUSE: 1 wheel up, -1 wheel down, 0 anything else.
static inline int cw_wheel_direction(void) {
    MEVENT event;
    if (getmouse(&event) != OK) return 0;
    if (event.bstate & BUTTON4_PRESSED) return 1;
    if (event.bstate & BUTTON5_PRESSED) return -1;
    return 0;
}

/// Reads one key or character; returns the get_wch result code and stores the value.
static inline int cw_get_wch(wint_t *out) { return wget_wch(stdscr, out); }

#endif
