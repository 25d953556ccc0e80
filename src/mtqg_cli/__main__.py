"""`python -m mtqg_cli` (on Windows `py -m mtqg_cli`): the same as the `mtqg` command."""

from mtqg_cli.launch import main

if __name__ == "__main__":
    main()
