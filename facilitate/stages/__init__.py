"""Stage kinds, one package each (welcome/, slides/, reflection/, pledges/, close/...).

``registry.py`` lists them: shared code asks it about kinds and never names one itself.
``base.py`` says what a kind declares. docs/stage-kinds.md is the recipe for adding one.
"""
