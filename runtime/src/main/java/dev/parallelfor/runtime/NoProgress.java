package dev.parallelfor.runtime;

/** The listener behind {@link ProgressListener#none()}. */
enum NoProgress implements ProgressListener {
  INSTANCE
}
