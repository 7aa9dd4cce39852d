from guillemet.cli import main

main()
