# firmware-samples/: the remote firmware SDK and samples, built with the
# RISC-V cross compiler.
