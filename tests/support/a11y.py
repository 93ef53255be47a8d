"""Checks run inside a desk page in Chromium: labels, names, contrast, overflow, focus."""

from __future__ import annotations

from typing import Any

# Form controls without a label (a <label for>, a wrapping label, aria-label or -labelledby),
# and buttons or links without a name.
UNLABELLED = """() => {
  const seen = el => el.getClientRects().length > 0 || el.type === 'checkbox';
  const controls = [...document.querySelectorAll(
      'input:not([type=hidden]), select, textarea')].filter(seen);
  const named = el => (el.labels && [...el.labels].some(l => l.innerText.trim()))
      || (el.getAttribute('aria-label') || '').trim()
      || el.getAttribute('aria-labelledby');
  const bad = controls.filter(el => !named(el)).map(el => el.outerHTML.slice(0, 120));
  for (const el of document.querySelectorAll('button, a[href], summary')) {
    if (!(el.innerText.trim() || (el.getAttribute('aria-label') || '').trim())) {
      bad.push(el.outerHTML.slice(0, 120));
    }
  }
  return bad;
}"""

# Text whose colour is below 4.5:1 against the background it is drawn on (WCAG AA).
LOW_CONTRAST = """() => {
  const rgb = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(',').map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const lum = c => { const f = v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const under = el => { for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor); if (c && c[3] > 0.5) return c; }
    return [255, 255, 255, 1]; };
  const bad = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('svg')) continue;  // charts: their numbers are in the table beside them
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    const box = el.getBoundingClientRect();
    if (!own || box.width === 0 || box.right < 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') continue;
    const a = lum(rgb(style.color)), b = lum(under(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) bad.push(`${el.tagName} «${el.textContent.trim().slice(0, 40)}» ${ratio.toFixed(2)}`);
  }
  return bad;
}"""

OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"

# The focused element: a short description, and whether a focus ring is drawn.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
      || (s.boxShadow && s.boxShadow !== 'none');
  const name = (el.getAttribute('aria-label') || el.innerText || el.value || '').trim();
  return {tag: el.tagName, name: name.slice(0, 80), id: el.id, ring: ring};
}"""


def tab_through(page: Any, limit: int = 400) -> list[dict[str, Any]]:
    """Press Tab from the top until focus comes round again; what was focused, in order."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); "
                  "window.scrollTo(0, 0); }")  # fmt: skip
    seen: list[dict[str, Any]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or (seen and focused == seen[0]):
            break
        seen.append(focused)
    return seen


def problems(page: Any, *, phone: bool = False) -> list[str]:
    """Everything wrong with the page as it stands (empty when it passes). Sideways scrolling
    is checked at every size; `phone` is accepted for callers that still say which one."""
    del phone
    found = [f"unlabelled: {html}" for html in page.evaluate(UNLABELLED)]
    found += [f"contrast: {item}" for item in page.evaluate(LOW_CONTRAST)]
    if (extra := page.evaluate(OVERFLOW)) > 0:
        found.append(f"horizontal scroll: {extra}px wider than the screen")
    return found
