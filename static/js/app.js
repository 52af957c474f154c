// Mentoring's own behaviour, kept out of the pages: the Content-Security-Policy allows no inline script.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});

// The theme toggle (#theme-toggle): a choice that matches the system's is forgotten, so the page follows the
// system again.
const themeToggle = () => document.getElementById("theme-toggle");
const showTheme = () => {
  const button = themeToggle();
  if (button) button.setAttribute("aria-pressed", document.documentElement.dataset.bsTheme === "dark");
};
document.addEventListener("DOMContentLoaded", showTheme);
window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", showTheme);
document.addEventListener("click", (event) => {
  if (!event.target.closest("#theme-toggle") || !window.mentoringTheme) return;
  const next = document.documentElement.dataset.bsTheme === "dark" ? "light" : "dark";
  try {
    if (next === window.mentoringTheme.systemTheme()) localStorage.removeItem("theme");
    else localStorage.setItem("theme", next);
  } catch (e) {
    document.documentElement.dataset.bsTheme = next;
  }
  window.mentoringTheme.apply();
  if (document.documentElement.dataset.bsTheme !== next) document.documentElement.dataset.bsTheme = next;
  showTheme();
});

// Focus survives an in-place (htmx) update. htmx itself refocuses an element with the same id; when that element
// is gone, disabled or hidden (an item moved to the top, a row removed, a closed <details>), focus goes to its
// natural successor: the ids in its data-focus-next, then the same control (data-focus-key) in the next or the
// previous row (data-focus-row), then the data-focus-fallback of a container around it.
let focusPlan = null;
document.addEventListener("htmx:beforeRequest", () => {
  const used = document.activeElement;
  if (!used || used === document.body || !used.id) {
    focusPlan = null;
    return;
  }
  const plan = [used.id, ...(used.dataset.focusNext || "").split(/\s+/).filter(Boolean)];
  const row = used.closest("[data-focus-row]");
  const key = used.dataset.focusKey;
  if (row && key) {
    for (const sibling of [row.nextElementSibling, row.previousElementSibling]) {
      const twin = sibling && sibling.querySelector(`[data-focus-key="${key}"]`);
      if (twin && twin.id) plan.push(twin.id);
    }
  }
  for (let box = used.closest("[data-focus-fallback]"); box; box = box.parentElement.closest("[data-focus-fallback]")) {
    plan.push(box.dataset.focusFallback);
  }
  focusPlan = plan;
});
const focusable = (element) => element && !element.disabled && element.getClientRects().length > 0;
document.addEventListener("htmx:afterSettle", () => {
  if (!focusPlan) return;
  const plan = focusPlan;
  focusPlan = null;
  const current = document.activeElement;
  if (current && current !== document.body && document.body.contains(current) && focusable(current)) return;
  for (const id of plan) {
    const target = document.getElementById(id);
    if (focusable(target)) {
      target.focus({ preventScroll: false });
      return;
    }
  }
});

// The error summary of a form the server refused takes focus, so the person hears what to fix first.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
});
