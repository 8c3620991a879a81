package com.example.defaults;

import javax.annotation.processing.Generated;

@Generated("dev.datastore4j.codegen")
public enum Level {
    LOW,

    HIGH
}
