package dev.gpuc.backend.ptx;

/** Device memory of the loader's GPU; closing it frees it (once). */
public final class DeviceBuffer implements AutoCloseable {
    private final CudaDriver driver;
    private final long address;
    private final int size;
    private boolean freed;

    DeviceBuffer(CudaDriver driver, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a device buffer needs at least one byte, got " + size);
        }
        this.driver = driver;
        this.size = size;
        this.address = driver.allocate(size);
    }

    /** The device address, as a kernel's pointer argument receives it. */
    public long address() {
        checkOpen();
        return address;
    }

    public int size() {
        return size;
    }

    /** Copies {@code bytes} to the start of the buffer. */
    public void write(byte[] bytes) {
        checkOpen();
        if (bytes.length > size) {
            throw new IllegalArgumentException(bytes.length + " bytes do not fit a " + size + "-byte buffer");
        }
        driver.copyToDevice(address, bytes);
    }

    /** The buffer's contents. */
    public byte[] read() {
        checkOpen();
        return driver.copyFromDevice(address, size);
    }

    private void checkOpen() {
        if (freed) {
            throw new IllegalStateException("device buffer was freed");
        }
    }

    @Override
    public void close() {
        if (!freed) {
            freed = true;
            driver.free(address);
        }
    }
}
