package com.example.chat;

import javax.annotation.processing.Generated;

@Generated("dev.datastore4j.codegen")
public enum AttachmentKind {
    IMAGE,

    VIDEO,

    FILE
}
