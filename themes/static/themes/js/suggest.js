/* Suggestions as you type for the search boxes (input[data-suggest]): titles and
   organisation names from /api/v1/search/suggest. Follows the ARIA combobox pattern
   (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/); without JavaScript the form
   simply submits. No framework: the site must work on old phones. */
(function () {
  "use strict";

  var DELAY_MS = 200;
  var boxes = 0;

  function attach(input) {
    var listId = "search-suggestions-" + (++boxes);
    var list = document.createElement("ul");
    var timer = null;
    var pending = null;
    var suggestions = [];
    var active = -1;

    list.id = listId;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    if (input.labels && input.labels.length) {
      list.setAttribute("aria-label", input.labels[0].textContent.trim());
    }
    list.hidden = true;
    input.parentNode.appendChild(list);
    input.parentNode.classList.add("has-suggestions");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    function close() {
      list.hidden = true;
      list.textContent = "";
      suggestions = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function choose(index) {
      window.location.href = suggestions[index].url;
    }

    function mark(index) {
      var options = list.children;
      for (var i = 0; i < options.length; i++) {
        options[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function option(suggestion, index) {
      // textContent only: titles are data, never markup.
      var item = document.createElement("li");
      var title = document.createElement("span");
      var about = document.createElement("span");
      item.id = listId + "-" + index;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      title.className = "suggestion-title";
      title.textContent = suggestion.title;
      about.className = "suggestion-about";
      about.textContent = [suggestion.label, suggestion.context].filter(Boolean).join(" · ");
      item.appendChild(title);
      item.appendChild(about);
      item.addEventListener("click", function () { choose(index); });
      return item;
    }

    function show(found) {
      close();
      suggestions = found;
      if (!found.length) {
        return;
      }
      found.forEach(function (suggestion, index) {
        list.appendChild(option(suggestion, index));
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function load() {
      var q = input.value.trim();
      if (pending) {
        pending.abort();
      }
      if (!q) {
        close();
        return;
      }
      pending = new AbortController();
      var url = input.getAttribute("data-suggest") +
        "?q=" + encodeURIComponent(q) +
        "&lang=" + encodeURIComponent(input.getAttribute("data-suggest-lang") || "");
      fetch(url, { signal: pending.signal, headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (body) {
          if (input.value.trim() === q) {
            show(body.suggestions || []);
          }
        })
        .catch(function () { /* aborted or offline: the form still works */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(load, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && suggestions.length;
      if (event.key === "ArrowDown" && open) {
        event.preventDefault();
        mark((active + 1) % suggestions.length);
      } else if (event.key === "ArrowUp" && open) {
        event.preventDefault();
        mark(active <= 0 ? suggestions.length - 1 : active - 1);
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      }
    });

    // Keep focus in the box while an option is clicked, then close on leaving it.
    list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    input.addEventListener("blur", close);
  }

  Array.prototype.forEach.call(document.querySelectorAll("input[data-suggest]"), attach);
})();
