from archlog.cli import main

main()
