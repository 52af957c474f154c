// The colour theme, set before the page paints: the person's own choice if they made one, else their system's
// (prefers-color-scheme). Loaded in <head> without defer; the toggle's behaviour is in app.js.
(() => {
  const dark = window.matchMedia("(prefers-color-scheme: dark)");
  const apply = () => {
    let chosen = null;
    try {
      chosen = localStorage.getItem("theme");
    } catch (e) {
      chosen = null;
    }
    document.documentElement.dataset.bsTheme = chosen || (dark.matches ? "dark" : "light");
  };
  apply();
  dark.addEventListener("change", apply);
  window.mentoringTheme = { apply, systemTheme: () => (dark.matches ? "dark" : "light") };
})();
