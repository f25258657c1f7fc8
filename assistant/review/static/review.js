// The item page's keyboard shortcuts (listed on the page in #keys) and the draft box sized
// to its text. Keys do nothing while you type in a field; Esc leaves the field.
(function () {
  "use strict";

  function typing(el) {
    if (!el || !el.tagName) return false;
    var tag = el.tagName.toUpperCase();
    return el.isContentEditable || tag === "TEXTAREA" || tag === "INPUT" || tag === "SELECT";
  }

  function follow(rel) {
    var link = document.querySelector('a[rel~="' + rel + '"]');
    if (link) window.location.assign(link.href);
  }

  function press(selector) {
    var button = document.querySelector(selector);
    if (button && !button.disabled) button.click();
  }

  function edit() {
    var box = document.getElementById("draft-body");
    if (!box || box.readOnly) return;
    box.focus();
    box.setSelectionRange(box.value.length, box.value.length);
  }

  var keys = {
    j: function () { follow("next"); },
    n: function () { follow("next"); },
    k: function () { follow("prev"); },
    p: function () { follow("prev"); },
    a: function () { press('#draft-form button[value="approve"]'); },
    e: edit,
  };

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (typing(event.target)) {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    var action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });

  // Where the browser cannot size a field to its content (CSS field-sizing), grow the box.
  if (!(window.CSS && CSS.supports("field-sizing", "content"))) {
    var box = document.getElementById("draft-body");
    var fit = function () {
      box.style.height = "auto";
      box.style.height = box.scrollHeight + 2 + "px";
    };
    if (box) {
      box.addEventListener("input", fit);
      fit();
    }
  }
})();
