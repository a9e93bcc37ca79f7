# Check tests of the devices (mailbox, intc, timer, uart, sysctl, watchdog).
