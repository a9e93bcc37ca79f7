# scenarios/: runnable scenario files, installed with the program.
