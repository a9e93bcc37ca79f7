# models/host/: the host's virtio-rpmsg bus, rpmsg char devices and client sample.
