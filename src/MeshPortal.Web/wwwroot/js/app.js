// Small helpers the Blazor components call; kept free of frameworks.
(() => {
  // Ctrl+K / Cmd+K opens search on every page. The listener is installed once, with the page; the layout registers
  // the .NET side once its circuit is interactive. A press before that is remembered and answered on registration.
  let searchTarget = null;
  let searchToken = 0;
  let searchPending = false;

  document.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (e.key === "k" || e.key === "K")) {
      e.preventDefault();
      if (searchTarget) searchTarget.invokeMethodAsync("OpenSearch");
      else searchPending = true;
      return;
    }
    // In a search box with suggestions, up and down walk the list instead of moving the caret.
    if ((e.key === "ArrowUp" || e.key === "ArrowDown") && e.target instanceof HTMLInputElement
        && e.target.closest("[data-mesh-combobox]")) {
      e.preventDefault();
    }
  });

  window.meshPortal = {
    getTheme: () => localStorage.getItem("meshportal-theme"),
    setTheme: (value) => localStorage.setItem("meshportal-theme", value),
    // Returns a token for unregistering: only the latest registration (the live layout) is answered.
    registerSearchShortcut: (target) => {
      searchTarget = target;
      if (searchPending) {
        searchPending = false;
        target.invokeMethodAsync("OpenSearch");
      }
      return ++searchToken;
    },
    unregisterSearchShortcut: (token) => {
      if (token === searchToken) searchTarget = null;
    },
  };
})();
