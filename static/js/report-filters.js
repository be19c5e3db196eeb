// The report archive's filters take a whole phone screen: on a narrow screen
// they start folded, unless a filter is in use (data-filtered). Without
// JavaScript they stay open, as the HTML has them.
(function () {
  "use strict";
  var phone = window.matchMedia("(max-width: 47.99rem)");
  document.querySelectorAll("details[data-fold-on-phones]").forEach(function (details) {
    if (phone.matches && !details.hasAttribute("data-filtered")) {
      details.removeAttribute("open");
    }
  });
})();
