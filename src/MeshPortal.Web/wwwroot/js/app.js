// Small helpers the Blazor components call; kept free of frameworks.
window.meshPortal = {
  getTheme: () => localStorage.getItem("meshportal-theme"),
  setTheme: (value) => localStorage.setItem("meshportal-theme", value),
};
