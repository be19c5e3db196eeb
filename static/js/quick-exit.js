/*
 * Quick exit, modelled on the GOV.UK Design System "Exit this page" component.
 *
 * Without JavaScript the button is a plain link to a neutral site. With it:
 * clicking the button, or pressing Shift on its own three times (each press
 * within 5 seconds of the last), covers the page at once and leaves with
 * location.replace(), so Back does not return to this page. Any other key
 * resets the count, so Shift used for capitals never triggers it.
 */
(function () {
    "use strict";

    var PRESSES = 3;
    var WINDOW_MS = 5000;

    var container = document.querySelector("[data-quick-exit]");
    if (!container) {
        return;
    }
    var button = container.querySelector(".quick-exit__button");
    var status = container.querySelector(".quick-exit__status");
    var count = 0;
    var lastPress = 0;
    var expiry = null;

    function say(text) {
        status.textContent = text;
    }

    function cover() {
        var overlay = document.createElement("div");
        overlay.className = "quick-exit-overlay";
        document.body.appendChild(overlay);
        document.title = "";
    }

    function leave() {
        cover();
        say(container.getAttribute("data-text-leaving"));
        window.location.replace(button.href);
    }

    function reset() {
        count = 0;
        window.clearTimeout(expiry);
    }

    button.addEventListener("click", function (event) {
        event.preventDefault();
        leave();
    });

    document.addEventListener("keydown", function (event) {
        if (event.key !== "Shift" || event.ctrlKey || event.altKey || event.metaKey) {
            reset();
            return;
        }
        if (event.repeat) {
            return;
        }
        var now = Date.now();
        count = now - lastPress <= WINDOW_MS ? count + 1 : 1;
        lastPress = now;
        window.clearTimeout(expiry);

        if (count >= PRESSES) {
            reset();
            leave();
            return;
        }
        var left = PRESSES - count;
        say(container.getAttribute(left === 1 ? "data-text-one-more" : "data-text-two-more"));
        expiry = window.setTimeout(function () {
            reset();
            say(container.getAttribute("data-text-expired"));
        }, WINDOW_MS);
    });

    // A page restored from the back-forward cache must not stay blank.
    window.addEventListener("pageshow", function () {
        var overlays = document.querySelectorAll(".quick-exit-overlay");
        for (var i = 0; i < overlays.length; i++) {
            overlays[i].parentNode.removeChild(overlays[i]);
        }
        reset();
        say("");
    });
})();
