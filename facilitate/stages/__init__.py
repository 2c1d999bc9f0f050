"""Stage kinds, one package each (welcome/, slides/, reflection/, pledges/, close/...).

facilitate/registry.py lists them; each package's kind.py declares its StageKind
(facilitate/domain/stages.py). docs/stage-kinds.md is the recipe for adding one.
"""
