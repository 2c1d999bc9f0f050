// Open space: the marketplace and the board of spaces x slots, on phones, screen and console.
"use strict";
(function () {
})();
