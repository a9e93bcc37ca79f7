# models/host/: the host CPU interface and its Linux remoteproc model.
