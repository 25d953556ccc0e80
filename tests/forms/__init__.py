"""A seeded generator of disbursement forms of every shape, with the findings each must give.

`generate(seed, folder)` builds one form from the programme's catalog (`model`, `build`), plants
discrepancies (`plant`), works out every error it must give (`oracle`), lays it out on sheets
(`render`, `headers`, `formulas`) and writes it (`files`); `check_form` reads it with mtqg and
compares; `soak` runs thousands and prints recall and false errors per dimension of shape
(`dimensions`: the whole space, and the part the default test draws from).
"""
