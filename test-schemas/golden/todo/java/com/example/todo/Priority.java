package com.example.todo;

import javax.annotation.processing.Generated;

@Generated("dev.datastore4j.codegen")
public enum Priority {
    LOW,

    NORMAL,

    HIGH
}
