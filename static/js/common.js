// Shared helpers for every page: no inline scripts anywhere, so the CSP can stay strict.
"use strict";
