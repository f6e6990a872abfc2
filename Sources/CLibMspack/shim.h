#ifndef MOFKIT_CLIBMSPACK_SHIM_H
#define MOFKIT_CLIBMSPACK_SHIM_H
#include <mspack.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * A libmspack I/O layer that never writes to disk.
 *
 * - "mofkit:memory" opens the in-memory buffer given to mofkit_cab_system_create (a nested cabinet
 *   already decompressed into memory);
 * - "mofkit:sink" opened for writing sends every decompressed block to a callback (the XML parser);
 * - any other name is opened read-only from disk. Opening anything else for writing fails.
 */

/* Receives decompressed bytes; return 0 to go on, non-zero to abort the extraction. */
typedef int (*mofkit_cab_sink_fn)(void *context, const void *bytes, int length);

struct mofkit_cab_file {
    int kind; /* 0 disk, 1 memory, 2 sink */
    FILE *disk;
    const unsigned char *data;
    size_t size;
    size_t position;
    mofkit_cab_sink_fn sink;
    void *context;
};

struct mofkit_cab_system {
    struct mspack_system base; /* must stay first: libmspack passes &base back to us */
    const unsigned char *memory;
    size_t memory_size;
    mofkit_cab_sink_fn sink;
    void *context;
};

static struct mspack_file *mofkit_cab_open(struct mspack_system *self, const char *name, int mode) {
    struct mofkit_cab_system *system = (struct mofkit_cab_system *)self;
    struct mofkit_cab_file *file = (struct mofkit_cab_file *)calloc(1, sizeof(struct mofkit_cab_file));
    if (!file) return NULL;
    if (strcmp(name, "mofkit:sink") == 0 && mode == MSPACK_SYS_OPEN_WRITE && system->sink) {
        file->kind = 2;
        file->sink = system->sink;
        file->context = system->context;
    } else if (mode != MSPACK_SYS_OPEN_READ) {
        free(file);
        return NULL;
    } else if (strcmp(name, "mofkit:memory") == 0 && system->memory) {
        file->kind = 1;
        file->data = system->memory;
        file->size = system->memory_size;
    } else {
        file->kind = 0;
        file->disk = fopen(name, "rb");
        if (!file->disk) { free(file); return NULL; }
    }
    return (struct mspack_file *)file;
}

static void mofkit_cab_close(struct mspack_file *handle) {
    struct mofkit_cab_file *file = (struct mofkit_cab_file *)handle;
    if (!file) return;
    if (file->kind == 0 && file->disk) fclose(file->disk);
    free(file);
}

static int mofkit_cab_read(struct mspack_file *handle, void *buffer, int bytes) {
    struct mofkit_cab_file *file = (struct mofkit_cab_file *)handle;
    if (!file || bytes < 0) return -1;
    if (file->kind == 0) {
        size_t count = fread(buffer, 1, (size_t)bytes, file->disk);
        if (count == 0 && ferror(file->disk)) return -1;
        return (int)count;
    }
    if (file->kind == 1) {
        size_t left = file->size > file->position ? file->size - file->position : 0;
        size_t count = (size_t)bytes < left ? (size_t)bytes : left;
        memcpy(buffer, file->data + file->position, count);
        file->position += count;
        return (int)count;
    }
    return -1;
}

static int mofkit_cab_write(struct mspack_file *handle, void *buffer, int bytes) {
    struct mofkit_cab_file *file = (struct mofkit_cab_file *)handle;
    if (!file || file->kind != 2 || bytes < 0) return -1;
    if (bytes == 0) return 0;
    return file->sink(file->context, buffer, bytes) == 0 ? bytes : -1;
}

static int mofkit_cab_seek(struct mspack_file *handle, off_t offset, int mode) {
    struct mofkit_cab_file *file = (struct mofkit_cab_file *)handle;
    if (!file) return -1;
    if (file->kind == 0) {
        int whence = mode == MSPACK_SYS_SEEK_START ? SEEK_SET : mode == MSPACK_SYS_SEEK_CUR ? SEEK_CUR : SEEK_END;
        return fseeko(file->disk, offset, whence) == 0 ? 0 : -1;
    }
    if (file->kind == 1) {
        off_t base = mode == MSPACK_SYS_SEEK_START ? 0
                   : mode == MSPACK_SYS_SEEK_CUR ? (off_t)file->position : (off_t)file->size;
        off_t target = base + offset;
        if (target < 0 || (size_t)target > file->size) return -1;
        file->position = (size_t)target;
        return 0;
    }
    return -1;
}

static off_t mofkit_cab_tell(struct mspack_file *handle) {
    struct mofkit_cab_file *file = (struct mofkit_cab_file *)handle;
    if (!file) return -1;
    if (file->kind == 0) return ftello(file->disk);
    return (off_t)file->position;
}

static void mofkit_cab_message(struct mspack_file *file, const char *format, ...) {
    (void)file; (void)format; /* libmspack's warnings are reported through error codes instead */
}

static void *mofkit_cab_alloc(struct mspack_system *self, size_t bytes) { (void)self; return malloc(bytes); }
static void mofkit_cab_free(void *pointer) { free(pointer); }
static void mofkit_cab_copy(void *source, void *destination, size_t bytes) { memmove(destination, source, bytes); }

/* Creates the I/O layer; `memory` (may be NULL) is what "mofkit:memory" reads. Free with free(). */
static inline struct mofkit_cab_system *mofkit_cab_system_create(const unsigned char *memory, size_t size) {
    struct mofkit_cab_system *system = (struct mofkit_cab_system *)calloc(1, sizeof(struct mofkit_cab_system));
    if (!system) return NULL;
    system->base.open = mofkit_cab_open;
    system->base.close = mofkit_cab_close;
    system->base.read = mofkit_cab_read;
    system->base.write = mofkit_cab_write;
    system->base.seek = mofkit_cab_seek;
    system->base.tell = mofkit_cab_tell;
    system->base.message = mofkit_cab_message;
    system->base.alloc = mofkit_cab_alloc;
    system->base.free = mofkit_cab_free;
    system->base.copy = mofkit_cab_copy;
    system->base.null_ptr = NULL;
    system->memory = memory;
    system->memory_size = size;
    return system;
}

static inline void mofkit_cab_system_set_sink(struct mofkit_cab_system *system, mofkit_cab_sink_fn sink, void *context) {
    system->sink = sink;
    system->context = context;
}

static inline struct mscab_decompressor *mofkit_cab_decompressor_create(struct mofkit_cab_system *system) {
    return mspack_create_cab_decompressor(&system->base);
}

static inline struct mscabd_cabinet *mofkit_cab_open_cabinet(struct mscab_decompressor *decompressor, const char *name) {
    return decompressor->open(decompressor, name);
}

static inline void mofkit_cab_close_cabinet(struct mscab_decompressor *decompressor, struct mscabd_cabinet *cabinet) {
    decompressor->close(decompressor, cabinet);
}

static inline int mofkit_cab_extract_to_sink(struct mscab_decompressor *decompressor, struct mscabd_file *file) {
    return decompressor->extract(decompressor, file, "mofkit:sink");
}

static inline int mofkit_cab_last_error(struct mscab_decompressor *decompressor) {
    return decompressor->last_error(decompressor);
}

#endif
