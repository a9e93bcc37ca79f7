# Check tests of the host remoteproc model.
