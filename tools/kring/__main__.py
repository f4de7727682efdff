from kring.cli.main import main

main()
