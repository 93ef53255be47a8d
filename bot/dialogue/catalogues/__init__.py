"""Every Vietnamese text of the dialogue, one module per flow (common: texts shared by all).

Pure data: imports nothing but the standard library (and bot.dialogue types where a text is
a structure). Must not import web, SDK or database modules, nor any flow or the engine.
"""
