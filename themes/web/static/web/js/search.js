// Title suggestions while typing in the search box. Optional: the search page works without it.
(function () {
    "use strict";
    var input = document.getElementById("search-q");
    var list = document.getElementById("search-suggestions");
    if (!input || !list || !window.fetch) return;
    var timer = null;
    var latest = 0;
    input.addEventListener("input", function () {
        clearTimeout(timer);
        var text = input.value.trim();
        if (text.length < 2) { list.replaceChildren(); return; }
        timer = setTimeout(function () {
            var asked = ++latest;
            fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
                .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
                .then(function (data) {
                    if (asked !== latest) return;  // a newer request is on its way
                    list.replaceChildren.apply(list, data.suggestions.map(function (title) {
                        var option = document.createElement("option");
                        option.value = title;
                        return option;
                    }));
                })
                .catch(function () {});
        }, 200);
    });
})();
