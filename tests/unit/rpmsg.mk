# Check tests of the host's virtio-rpmsg bus.
