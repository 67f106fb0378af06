/* JupyterLab's Find (Ctrl+F) searches a notebook's cell outputs only when its filter "Search
   Cell Outputs" is on, and it starts off. A chapter's figures and their keys are outputs (the
   writer's panel), so in a chapter the filter is switched on when a search opens. */
(function () {
  const script = document.currentScript;
  function outputsOn(panel) {
    // Called as the search box renders: first show its filters, then tick the first
    // (outputs), once; the writer may untick it.
    const overlay = panel.querySelector('.jp-DocumentSearch-overlay');
    if (!overlay || overlay.dataset.kommunrapportUtdata) return;
    const box = overlay.querySelector('.jp-DocumentSearch-search-filter input');
    if (box) {
      overlay.dataset.kommunrapportUtdata = 'ja';
      if (!box.checked) box.click();
      return;
    }
    const filters = overlay.querySelector('.jp-DocumentSearch-filter-button');
    if (filters && !overlay.dataset.kommunrapportFilter) {
      overlay.dataset.kommunrapportFilter = 'ja';
      filters.closest('button').click();
    }
  }
  function watch(tries) {
    // The output is put in the page after its script runs: wait for it to be in the notebook.
    const panel = script && script.isConnected && script.closest('.jp-NotebookPanel');
    if (!panel) {
      if (tries > 0) setTimeout(function () { watch(tries - 1); }, 100);
      return;
    }
    if (panel.dataset.kommunrapportSok) return;
    panel.dataset.kommunrapportSok = 'ja';
    new MutationObserver(function () { outputsOn(panel); })
      .observe(panel, {childList: true, subtree: true});
  }
  watch(50);
})();
