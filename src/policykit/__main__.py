from policykit.entry import main

main()
