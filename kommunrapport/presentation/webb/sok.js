/* The report's search page (sphinx_webb.py): inflected Swedish words, and summaries that
 * show what the reader sees, over http:// and file:// alike. */
(() => {
  // Stemming as the index was built: Snowball's stem, then once more without a definite
  // form's final -n or -t after a vowel (sjukfrånvaron, målet).
  document.addEventListener("DOMContentLoaded", () => {
    if (typeof Stemmer === "undefined") return;
    const Snowball = Stemmer;
    Stemmer = function () {
      const snowball = new Snowball();
      this.stemWord = (word) => {
        const first = snowball.stemWord(word);
        if (first.length < 4) return first;
        return snowball.stemWord(first.replace(/(?<=[aeiouyåäö])[nt]$/, ""));
      };
    };
  });

  // A result's summary comes from the pages' texts (sidtexter.js), not from fetching the
  // page: a browser refuses to fetch a file:// page, and the page holds hidden copies.
  const texts = window.kommunrapportSidtexter || {};
  const fetchPage = window.fetch.bind(window);
  window.fetch = (resource, options) => {
    const name = new URL(String(resource), document.baseURI).pathname.split("/").pop();
    if (Object.prototype.hasOwnProperty.call(texts, name)) {
      return Promise.resolve(new Response(texts[name], {headers: {"Content-Type": "text/html"}}));
    }
    return fetchPage(resource, options);
  };
})();
