package com.example.blog;

import javax.annotation.processing.Generated;

@Generated("dev.datastore4j.codegen")
public enum PostStatus {
    DRAFT,

    PUBLISHED,

    ARCHIVED
}
