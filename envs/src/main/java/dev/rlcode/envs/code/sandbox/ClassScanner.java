package dev.rlcode.envs.code.sandbox;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeModel;
import java.lang.classfile.FieldModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.ConstantDynamicEntry;
import java.lang.classfile.constantpool.InvokeDynamicEntry;
import java.lang.classfile.constantpool.MemberRefEntry;
import java.lang.classfile.constantpool.MethodHandleEntry;
import java.lang.classfile.constantpool.MethodTypeEntry;
import java.lang.classfile.constantpool.NameAndTypeEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * L2: checks every class file javac produced, before anything loads it, against an allow-list of JDK packages
 * and classes and a deny-list of members inside them. It walks the constant pool (classes, member refs, method
 * handles, method types, dynamic constants, invokedynamic bootstraps and their arguments) and the code (invoke,
 * field and ldc instructions). Reflection, method handles, class loading, threads, processes, files, sockets,
 * native code, exit/halt and global JVM state are out; the bootstraps javac emits for lambdas, string
 * concatenation, records and pattern switches are in.
 *
 * <p>A rejection names the class and the offending reference.
 */
final class ClassScanner {

    private static final Set<String> ALLOWED_PACKAGES = Set.of("java/lang", "java/util", "java/util/function",
            "java/util/stream", "java/util/regex", "java/util/concurrent/atomic", "java/util/concurrent/locks",
            "java/util/random", "java/math", "java/text", "java/time", "java/time/format", "java/time/temporal",
            "java/time/chrono", "java/nio", "java/nio/charset");

    private static final Set<String> ALLOWED_CLASSES = Set.of(
            // in-memory and stdio streams only: no File*, RandomAccessFile, Object*Stream, Console
            "java/io/Serializable", "java/io/IOException", "java/io/UncheckedIOException", "java/io/EOFException",
            "java/io/PrintStream", "java/io/PrintWriter", "java/io/StringWriter", "java/io/StringReader",
            "java/io/BufferedReader", "java/io/BufferedWriter", "java/io/InputStreamReader",
            "java/io/OutputStreamWriter", "java/io/ByteArrayInputStream", "java/io/ByteArrayOutputStream",
            "java/io/InputStream", "java/io/OutputStream", "java/io/Reader", "java/io/Writer", "java/io/Closeable",
            "java/io/Flushable", "java/io/CharArrayReader", "java/io/CharArrayWriter", "java/io/DataInputStream",
            "java/io/DataOutputStream", "java/io/StreamTokenizer", "java/io/LineNumberReader",
            "java/security/MessageDigest", "java/security/NoSuchAlgorithmException",
            "java/security/GeneralSecurityException", "java/security/DigestException",
            "java/util/concurrent/ConcurrentHashMap", "java/util/concurrent/ConcurrentHashMap$KeySetView",
            "java/util/concurrent/ConcurrentLinkedQueue", "java/util/concurrent/ConcurrentLinkedDeque",
            "java/util/concurrent/ConcurrentSkipListMap", "java/util/concurrent/ConcurrentSkipListSet",
            "java/util/concurrent/CopyOnWriteArrayList", "java/util/concurrent/CopyOnWriteArraySet",
            "java/util/concurrent/LinkedBlockingQueue", "java/util/concurrent/LinkedBlockingDeque",
            "java/util/concurrent/ArrayBlockingQueue", "java/util/concurrent/PriorityBlockingQueue",
            "java/util/concurrent/BlockingQueue", "java/util/concurrent/BlockingDeque",
            "java/util/concurrent/ConcurrentMap", "java/util/concurrent/ConcurrentNavigableMap",
            "java/util/concurrent/TimeUnit", "java/util/concurrent/ThreadLocalRandom",
            "java/util/concurrent/CountDownLatch", "java/util/concurrent/Semaphore",
            "java/util/concurrent/Callable", "java/util/concurrent/ExecutionException",
            "java/util/concurrent/TimeoutException", "java/util/concurrent/CancellationException",
            "java/util/concurrent/CompletionException",
            "java/lang/ref/WeakReference", "java/lang/ref/SoftReference", "java/lang/ref/Reference",
            "java/lang/ref/ReferenceQueue");

    /**
     * {@return every package (dotted) the code may use types of: the allowed packages and those of the allowed
     * classes}
     */
    static Set<String> usablePackages() {
        var packages = new java.util.TreeSet<String>();
        ALLOWED_PACKAGES.forEach(p -> packages.add(p.replace('/', '.')));
        ALLOWED_CLASSES.forEach(c -> packages.add(c.substring(0, c.lastIndexOf('/')).replace('/', '.')));
        return packages;
    }

    /** Classes (and their nested classes) refused although their package is allowed. */
    private static final Set<String> DENIED_CLASSES = Set.of("java/lang/ClassLoader", "java/lang/Process",
            "java/lang/ProcessBuilder", "java/lang/ProcessHandle", "java/lang/Module", "java/lang/ModuleLayer",
            "java/lang/SecurityManager", "java/lang/StackWalker", "java/lang/ThreadGroup", "java/lang/Thread$Builder",
            "java/lang/System$Logger", "java/lang/System$LoggerFinder", "java/lang/Package", "java/lang/Shutdown",
            "java/util/ServiceLoader", "java/util/Timer", "java/util/ResourceBundle", "java/util/ListResourceBundle",
            "java/util/PropertyResourceBundle", "java/util/stream/StreamSupport", "java/nio/MappedByteBuffer");

    /** Owners whose members are allowed only if listed (everything else: exit, exec, forName, start...). */
    private static final Map<String, Set<String>> MEMBER_ALLOW = Map.of(
            "java/lang/System", Set.of("currentTimeMillis", "nanoTime", "arraycopy", "identityHashCode",
                    "lineSeparator", "getProperty", "gc", "out", "err", "in"),
            "java/lang/Runtime", Set.of("getRuntime", "availableProcessors", "freeMemory", "totalMemory",
                    "maxMemory", "gc", "version"),
            "java/lang/Thread", Set.of("sleep", "currentThread", "interrupted", "isInterrupted", "interrupt",
                    "onSpinWait", "yield", "getName", "threadId", "getId", "isDaemon", "isVirtual", "holdsLock",
                    "isAlive", "join", "getState", "getPriority", "toString", "hashCode", "equals",
                    "getStackTrace", "dumpStack"),
            "java/lang/Class", Set.of("getName", "getSimpleName", "getTypeName", "getCanonicalName", "isInstance",
                    "cast", "isArray", "isPrimitive", "isInterface", "isEnum", "isRecord", "isSealed",
                    "desiredAssertionStatus", "getComponentType", "componentType", "arrayType", "isAssignableFrom",
                    "getSuperclass", "getEnumConstants", "descriptorString", "hashCode", "equals", "toString"));

    /** Member names refused on any JDK owner (or inherited through a candidate class): threads, global state. */
    private static final Set<String> DENIED_NAMES = Set.of("parallelStream", "parallelSort", "parallelPrefix",
            "parallelSetAll", "setDefault", "allocateDirect", "runAsync", "supplyAsync", "addShutdownHook", "halt",
            "exit", "exec", "load", "loadLibrary", "setOut", "setErr", "setIn", "setProperty", "getenv");

    /** The invokedynamic bootstraps javac emits for ordinary code: owner.name. */
    private static final Set<String> ALLOWED_BOOTSTRAPS = Set.of(
            "java/lang/invoke/LambdaMetafactory.metafactory", "java/lang/invoke/LambdaMetafactory.altMetafactory",
            "java/lang/invoke/StringConcatFactory.makeConcatWithConstants",
            "java/lang/invoke/StringConcatFactory.makeConcat", "java/lang/runtime/ObjectMethods.bootstrap",
            "java/lang/runtime/SwitchBootstraps.typeSwitch", "java/lang/runtime/SwitchBootstraps.enumSwitch");

    /** javac lists these in InnerClasses whenever a lambda is present; alone they do nothing. */
    private static final Set<String> LOOKUP_CLASSES = Set.of("java/lang/invoke/MethodHandles$Lookup",
            "java/lang/invoke/MethodHandles");

    private ClassScanner() {
    }

    /**
     * Scans a set of class files.
     *
     * @param classes   internal name → class file of every class to scan
     * @param own       internal name → class file of every class compiled together (candidate and tests)
     * @param forbidden own classes the scanned classes must not reference (the tests, from the candidate)
     * @return the reason for rejecting, or empty if all classes pass
     */
    static Optional<String> scan(Map<String, byte[]> classes, Map<String, byte[]> own, Set<String> forbidden) {
        return scan(classes, own, forbidden, Set.of(), true);
    }

    /**
     * Members a task's own test unit (given apart from the candidate, which may not reference it) may use beyond
     * the candidate's rules: setting the default locale or time zone, so that hidden tests can check that a
     * solution does not depend on them. It changes only the single-use execution JVM.
     */
    static final Set<String> TEST_UNIT_MEMBERS = Set.of("java/util/Locale.setDefault",
            "java/util/TimeZone.setDefault");

    /**
     * Scans a set of class files, allowing some denied members.
     *
     * @param extraAllowed {@code owner.name} members allowed although denied by name (e.g.
     *                     {@link #TEST_UNIT_MEMBERS} for a task's test unit)
     * @param codeUnderTest whether the classes are the code under test, which must not decide how the tests
     *                      compare its results (its own {@code equals}, its own collections): false for a task's
     *                      test unit, which is trusted to compare
     */
    static Optional<String> scan(Map<String, byte[]> classes, Map<String, byte[]> own, Set<String> forbidden,
                                 Set<String> extraAllowed, boolean codeUnderTest) {
        var models = new java.util.ArrayList<ClassModel>();
        for (var e : classes.entrySet()) {
            try {
                models.add(ClassFile.of().parse(e.getValue()));
            } catch (IllegalArgumentException ex) {
                return Optional.of(e.getKey() + ": malformed class file: " + ex.getMessage());
            }
        }
        var types = new java.util.HashMap<String, OwnType>();
        for (var e : own.entrySet()) {
            try {
                types.put(e.getKey(), OwnType.of(ClassFile.of().parse(e.getValue())));
            } catch (IllegalArgumentException ex) {
                // not scanned here: the scan of its own unit reports it; unknown members of it count as inherited
            }
        }
        var scanner = new Context(own.keySet(), forbidden, types, extraAllowed, codeUnderTest);
        for (ClassModel cm : models) {
            String reason = scanner.check(cm);
            if (reason != null) {
                return Optional.of(cm.thisClass().asInternalName() + ": " + reason);
            }
        }
        return Optional.empty();
    }

    /**
     * What resolving a member reference needs of one class compiled here: its supertypes and the members it
     * declares, as {@code name:descriptor} ({@code m:} methods, {@code f:} fields).
     */
    private record OwnType(String superName, java.util.List<String> interfaces, Set<String> members) {
        static OwnType of(ClassModel cm) {
            var members = new HashSet<String>();
            for (MethodModel m : cm.methods()) {
                members.add("m:" + m.methodName().stringValue() + ":" + m.methodType().stringValue());
            }
            for (FieldModel f : cm.fields()) {
                members.add("f:" + f.fieldName().stringValue() + ":" + f.fieldType().stringValue());
            }
            return new OwnType(cm.superclass().map(ClassEntry::asInternalName).orElse(null),
                    cm.interfaces().stream().map(ClassEntry::asInternalName).toList(), members);
        }
    }

    /** Methods whose override lets an object decide how a test compares or prints it. */
    private static final Set<String> IDENTITY_METHODS = Set.of("equals:(Ljava/lang/Object;)Z", "hashCode:()I",
            "toString:()Ljava/lang/String;");

    /**
     * JDK supertypes that a class overriding {@link #IDENTITY_METHODS} may have: those of an ordinary value class
     * (a record, an enum, a comparable pair) or exception. Any other (a collection, a map entry, a char sequence,
     * a number...) would let a returned object pass a test's {@code actual.equals(expected)} on its own say.
     */
    private static final Set<String> VALUE_SUPERTYPES = Set.of("java/lang/Object", "java/lang/Record",
            "java/lang/Enum", "java/lang/Comparable", "java/io/Serializable", "java/lang/Cloneable",
            // behaviour, not values: no test compares one with a JDK value (and no candidate class declares equals)
            "java/lang/Iterable", "java/util/Iterator", "java/util/Comparator", "java/lang/Runnable",
            "java/lang/AutoCloseable",
            "java/lang/Throwable", "java/lang/Exception", "java/lang/RuntimeException", "java/lang/Error",
            "java/lang/IllegalArgumentException", "java/lang/IllegalStateException",
            "java/lang/UnsupportedOperationException", "java/lang/ArithmeticException",
            "java/lang/IndexOutOfBoundsException", "java/lang/AssertionError");

    /** JDK methods a class of the code under test that extends a JDK collection or map may override. */
    private static final Set<String> COLLECTION_SUBCLASS_METHODS = Set.of("removeEldestEntry");

    private static final java.util.concurrent.ConcurrentHashMap<String, Set<String>> JDK_METHOD_NAMES =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * {@return the non-private methods the JDK type {@code internalName} declares or inherits, as name and erased
     * parameter types ({@code get(I)})}: the only methods JDK code (an {@code equals}, say) can call on an instance
     * of a subclass (an override of a generic one also has a bridge of this erasure); empty for an unknown name
     */
    static Set<String> jdkMethodNames(String internalName) {
        return JDK_METHOD_NAMES.computeIfAbsent(internalName, n -> {
            var names = new HashSet<String>();
            var todo = new java.util.ArrayDeque<Class<?>>();
            jdkClass(n).ifPresent(todo::add);
            try {
                var seen = new HashSet<Class<?>>();
                while (!todo.isEmpty()) {
                    Class<?> k = todo.pop();
                    if (!seen.add(k)) {
                        continue;
                    }
                    for (var m : k.getDeclaredMethods()) {
                        if (!java.lang.reflect.Modifier.isPrivate(m.getModifiers())) {
                            String d = java.lang.invoke.MethodType.methodType(m.getReturnType(), m.getParameterTypes())
                                    .toMethodDescriptorString();
                            names.add(m.getName() + d.substring(0, d.indexOf(')') + 1));
                        }
                    }
                    if (k.getSuperclass() != null) {
                        todo.add(k.getSuperclass());
                    }
                    todo.addAll(java.util.List.of(k.getInterfaces()));
                }
            } catch (LinkageError e) {
                return Set.of();
            }
            return Set.copyOf(names);
        });
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, Boolean> JDK_COLLECTIONS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * {@return whether the JDK type {@code internalName} is a {@link java.util.Collection} or {@link Map}}, asked of
     * the platform class loader without initializing the class (a JDK class only: candidate classes are never
     * loaded here); an unknown name is not one
     */
    static boolean isJdkCollection(String internalName) {
        return JDK_COLLECTIONS.computeIfAbsent(internalName, n -> jdkClass(n).map(c ->
                java.util.Collection.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c)).orElse(false));
    }

    /**
     * {@return the JDK class {@code internalName}, asked of the platform class loader without initializing it (a
     * JDK class only: candidate classes are never loaded here), or empty for an unknown name}
     */
    private static Optional<Class<?>> jdkClass(String internalName) {
        try {
            return Optional.of(Class.forName(internalName.replace('/', '.'), false,
                    ClassLoader.getPlatformClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    /**
     * {@return whether {@code m} is the {@code equals} javac generates for a record}: its code calls nothing but
     * the {@code ObjectMethods} bootstrap
     */
    private static boolean generatedRecordEquals(MethodModel m) {
        var code = m.findAttribute(java.lang.classfile.Attributes.code());
        if (code.isEmpty()) {
            return false;
        }
        boolean indy = false;
        for (var element : code.get()) {
            if (element instanceof java.lang.classfile.instruction.InvokeDynamicInstruction i) {
                MemberRefEntry ref = i.invokedynamic().bootstrap().bootstrapMethod().reference();
                if (!(ref.owner().asInternalName() + "." + ref.name().stringValue())
                        .equals("java/lang/runtime/ObjectMethods.bootstrap")) {
                    return false;
                }
                indy = true;
            } else if (element instanceof InvokeInstruction) {
                return false;
            }
        }
        return indy;
    }

    /** The checks, with the sets of one scan. */
    private record Context(Set<String> own, Set<String> forbidden, Map<String, OwnType> types,
                           Set<String> extraAllowed, boolean codeUnderTest) {

        String check(ClassModel cm) {
            String self = cm.thisClass().asInternalName();
            if (self.indexOf('/') >= 0) {
                return "class outside the default package";
            }
            String identity = checkIdentityOverrides(self, cm);
            if (identity == null && codeUnderTest) {
                identity = checkComparisonControl(self, cm);
            }
            if (identity != null) {
                return identity;
            }
            var pool = cm.constantPool();
            // Entries that belong to an allowed bootstrap (its handle, member ref, owner, name-and-type).
            var exempt = new HashSet<PoolEntry>();
            for (int i = 0; i < pool.bootstrapMethodCount(); i++) {
                MethodHandleEntry bsm = pool.bootstrapMethodEntry(i).bootstrapMethod();
                MemberRefEntry ref = bsm.reference();
                String key = ref.owner().asInternalName() + "." + ref.name().stringValue();
                if (!ALLOWED_BOOTSTRAPS.contains(key)) {
                    return "invokedynamic bootstrap " + key + " is not allowed";
                }
                exempt.add(bsm);
                exempt.add(ref);
                exempt.add(ref.owner());
                exempt.add(ref.nameAndType());
            }
            for (PoolEntry e : pool) {
                if (exempt.contains(e)) {
                    continue;
                }
                String reason = switch (e) {
                    case ClassEntry c -> LOOKUP_CLASSES.contains(c.asInternalName()) ? null : checkClass(c.asInternalName());
                    case MemberRefEntry m -> checkMember(m);
                    case MethodHandleEntry h -> checkMember(h.reference());
                    case MethodTypeEntry t -> checkDescriptor(t.descriptor().stringValue());
                    case NameAndTypeEntry nt -> checkDescriptor(nt.type().stringValue());
                    case ConstantDynamicEntry d -> "dynamic constant " + d.name().stringValue() + " is not allowed";
                    case InvokeDynamicEntry d -> {
                        MemberRefEntry ref = d.bootstrap().bootstrapMethod().reference();
                        String key = ref.owner().asInternalName() + "." + ref.name().stringValue();
                        yield ALLOWED_BOOTSTRAPS.contains(key) ? null : "invokedynamic bootstrap " + key + " is not allowed";
                    }
                    default -> null;
                };
                if (reason != null) {
                    return reason;
                }
            }
            // Code: no exemptions at all for what instructions call or load.
            for (MethodModel m : cm.methods()) {
                var code = m.findAttribute(java.lang.classfile.Attributes.code());
                if (code.isEmpty()) {
                    continue;
                }
                String reason = checkCode(code.get());
                if (reason != null) {
                    return "in " + m.methodName().stringValue() + ": " + reason;
                }
            }
            return null;
        }

        /**
         * A class that overrides equals, hashCode or toString may not have a JDK supertype other than
         * {@link #VALUE_SUPERTYPES} (directly or through classes compiled here).
         */
        private String checkIdentityOverrides(String self, ClassModel cm) {
            String overridden = null;
            for (MethodModel m : cm.methods()) {
                String key = m.methodName().stringValue() + ":" + m.methodType().stringValue();
                if (IDENTITY_METHODS.contains(key) && !m.flags().has(java.lang.reflect.AccessFlag.STATIC)) {
                    overridden = m.methodName().stringValue();
                    break;
                }
            }
            if (overridden == null) {
                return null;
            }
            String jdk = jdkSupertypes(self).stream().filter(t -> !VALUE_SUPERTYPES.contains(t)).findFirst()
                    .orElse(null);
            return jdk == null ? null : "overriding " + overridden + " in a subtype of " + jdk.replace('/', '.')
                    + " is not allowed (a returned object would decide how the tests compare or print it)";
        }

        /**
         * Rules that keep the tests' comparisons in the JDK's hands, whichever side of {@code equals} the tests
         * put the result on (HumanEval-X's tests call {@code actual.equals(expected)}):
         * <ul>
         *   <li>no hand-written {@code equals} (of any parameter type: an overload {@code equals(List)} is what
         *       {@code actual.equals(Arrays.asList(...))} calls when {@code actual}'s static type is the
         *       candidate's): an object that says it equals anything, returned alone,
         *       in a JDK list or in an {@code Optional}, would pass any comparison. A record's generated
         *       {@code equals} (an {@code ObjectMethods} invokedynamic, comparing the components) is allowed;</li>
         *   <li>no subclass of a JDK collection or map that overrides a JDK method: {@code AbstractList.equals}
         *       walks the receiver's own {@code listIterator()}, {@code AbstractSet.equals} asks its own
         *       {@code containsAll}, so an overriding subclass decides the comparison. New methods (JDK code
         *       cannot call a name it does not know), {@code removeEldestEntry} (a LinkedHashMap used as an LRU
         *       cache), overloads of JDK names ({@code get(int)} in a {@code LinkedHashMap<Integer, Integer>}
         *       subclass: LeetCode's LRU cache) and an anonymous subclass that only fills itself
         *       ({@code new ArrayList<>() {{ add(1); }}}) are allowed.</li>
         * </ul>
         */
        private String checkComparisonControl(String self, ClassModel cm) {
            boolean record = cm.superclass().map(c -> c.asInternalName().equals("java/lang/Record")).orElse(false);
            for (MethodModel m : cm.methods()) {
                // any equals, whatever its parameter or static: an overload equals(List) of a returned type wins
                // over Object.equals for a test's actual.equals(Arrays.asList(...)) at compile time
                // a private one is the candidate's own helper: neither the tests nor the JDK can call it
                if (m.methodName().stringValue().equals("equals")
                        && !m.flags().has(java.lang.reflect.AccessFlag.PRIVATE)
                        && !(record && m.methodType().stringValue().equals("(Ljava/lang/Object;)Z")
                        && !m.flags().has(java.lang.reflect.AccessFlag.STATIC) && generatedRecordEquals(m))) {
                    return "declaring a method named equals is not allowed in the code under test (a returned "
                            + "object would decide on its own that it equals the expected value); use a record, "
                            + "whose generated equals is allowed";
                }
            }
            String collection = jdkSupertypes(self).stream().filter(ClassScanner::isJdkCollection).findFirst()
                    .orElse(null);
            if (collection == null) {
                return null;
            }
            var jdkNames = new HashSet<String>();
            jdkSupertypes(self).forEach(t -> jdkNames.addAll(jdkMethodNames(t)));
            for (MethodModel m : cm.methods()) {
                String name = m.methodName().stringValue();
                String type = m.methodType().stringValue();
                if (jdkNames.contains(name + type.substring(0, type.indexOf(')') + 1))
                        && !COLLECTION_SUBCLASS_METHODS.contains(name)) {
                    return "overriding " + name + " in a subclass of " + collection.replace('/', '.') + " is not "
                            + "allowed in the code under test (the collection's equals may call it: a returned "
                            + "collection would decide how the tests compare it); give the method another name, "
                            + "or hold the collection in a field";
                }
            }
            return null;
        }

        /** {@return the JDK types reached first on every supertype path of {@code type} through own classes} */
        private Set<String> jdkSupertypes(String type) {
            var jdk = new java.util.LinkedHashSet<String>();
            var seen = new HashSet<String>();
            var todo = new java.util.ArrayDeque<String>(java.util.List.of(type));
            while (!todo.isEmpty()) {
                String t = todo.pop();
                if (!seen.add(t)) {
                    continue;
                }
                OwnType o = types.get(t);
                if (o == null) {
                    jdk.add(t);
                    continue;
                }
                if (o.superName() != null) {
                    todo.add(o.superName());
                }
                todo.addAll(o.interfaces());
            }
            return jdk;
        }

        /**
         * {@return whether a member reference on the own class {@code owner} resolves to a member some class
         * compiled here declares} (searching {@code owner}, then its own supertypes), rather than to one inherited
         * from the JDK
         */
        private boolean declaredHere(String owner, String name, String descriptor, boolean field) {
            String key = (field ? "f:" : "m:") + name + ":" + descriptor;
            var seen = new HashSet<String>();
            var todo = new java.util.ArrayDeque<String>(java.util.List.of(owner));
            while (!todo.isEmpty()) {
                OwnType o = types.get(todo.pop());
                if (o == null) {
                    continue;
                }
                if (o.members().contains(key)) {
                    return true;
                }
                if (o.superName() != null && seen.add(o.superName())) {
                    todo.add(o.superName());
                }
                for (String i : o.interfaces()) {
                    if (seen.add(i)) {
                        todo.add(i);
                    }
                }
            }
            return false;
        }

        private String checkCode(CodeModel code) {
            for (var element : code) {
                String reason = switch (element) {
                    case InvokeInstruction i -> strictOwner(i.owner().asInternalName(), i.name().stringValue(),
                            i.type().stringValue(), false)
                            ? null : "call to " + i.owner().asInternalName() + "." + i.name().stringValue() + " is not allowed";
                    case FieldInstruction f -> strictOwner(f.owner().asInternalName(), f.name().stringValue(),
                            f.type().stringValue(), true)
                            ? null : "field " + f.owner().asInternalName() + "." + f.name().stringValue() + " is not allowed";
                    case ConstantInstruction.LoadConstantInstruction ldc -> switch (ldc.constantEntry()) {
                        case MethodHandleEntry h -> "ldc of a method handle (" + h.reference().owner().asInternalName()
                                + "." + h.reference().name().stringValue() + ") is not allowed";
                        case MethodTypeEntry t -> "ldc of a method type is not allowed";
                        case ConstantDynamicEntry d -> "ldc of a dynamic constant is not allowed";
                        default -> null;
                    };
                    default -> null;
                };
                if (reason != null) {
                    return reason;
                }
            }
            return null;
        }

        /** An instruction's owner: must be an allowed class and the member allowed (no bootstrap exemption). */
        private boolean strictOwner(String owner, String name, String descriptor, boolean field) {
            String base = elementType(owner);
            if (base == null) {
                return true;
            }
            return checkClass(base) == null && checkMemberName(base, name, descriptor, field) == null;
        }

        private String checkMember(MemberRefEntry m) {
            String owner = m.owner().asInternalName();
            String name = m.name().stringValue();
            String base = elementType(owner);
            if (base != null) {
                String reason = checkClass(base);
                if (reason != null) {
                    return reason;
                }
                reason = checkMemberName(base, name, m.type().stringValue(),
                        m instanceof java.lang.classfile.constantpool.FieldRefEntry);
                if (reason == null && name.equals("<init>")) {
                    reason = checkConstructor(base, m.type().stringValue());
                }
                if (reason == null && base.startsWith("java/util/concurrent/ConcurrentHashMap")
                        && m.type().stringValue().startsWith("(J")) {
                    reason = base + "." + name + " (parallel bulk operation) is not allowed";
                }
                if (reason != null) {
                    return reason;
                }
            }
            return checkDescriptor(m.type().stringValue());
        }

        private String checkMemberName(String owner, String name, String descriptor, boolean field) {
            if (own.contains(owner)) {
                // inherited from a JDK supertype unless a class compiled here declares it (same name and type)
                return DENIED_NAMES.contains(name) && !declaredHere(owner, name, descriptor, field)
                        ? owner + "." + name + " (inherited) is not allowed" : null;
            }
            if (extraAllowed.contains(owner + "." + name)) {
                return null;
            }
            Set<String> allowed = MEMBER_ALLOW.get(owner);
            if (allowed != null && !allowed.contains(name)) {
                return owner + "." + name + " is not allowed";
            }
            if (DENIED_NAMES.contains(name) || (name.equals("parallel") && owner.startsWith("java/util/stream/"))) {
                return owner + "." + name + " is not allowed";
            }
            return null;
        }

        /** Constructors that open files by name. */
        private static String checkConstructor(String owner, String descriptor) {
            boolean byName = descriptor.startsWith("(Ljava/lang/String;");
            if (byName && (owner.equals("java/io/PrintStream") || owner.equals("java/io/PrintWriter")
                    || owner.equals("java/util/Formatter"))) {
                return "new " + owner + "(String fileName, ...) is not allowed";
            }
            return null;
        }

        /** {@return null if a class may be referenced, else the reason} */
        String checkClass(String internalName) {
            String name = elementType(internalName);
            if (name == null) {
                return null;
            }
            if (own.contains(name)) {
                return forbidden.contains(name) ? "reference to test class " + name + " is not allowed" : null;
            }
            int slash = name.lastIndexOf('/');
            if (slash < 0) {
                return "reference to unknown class " + name + " is not allowed";
            }
            String pkg = name.substring(0, slash);
            for (String denied : DENIED_CLASSES) {
                if (name.equals(denied) || name.startsWith(denied + "$")) {
                    return "class " + name + " is not allowed";
                }
            }
            if (ALLOWED_PACKAGES.contains(pkg) || ALLOWED_CLASSES.contains(name)) {
                return null;
            }
            return "class " + name + " is not allowed (package " + pkg.replace('/', '.') + ")";
        }

        /** Checks every class named in a field or method descriptor. */
        String checkDescriptor(String descriptor) {
            for (int i = descriptor.indexOf('L'); i >= 0; i = descriptor.indexOf('L', i + 1)) {
                // only an 'L' that starts a type (after '(', ')', '[', ';' or at 0, or after a primitive) counts
                int end = descriptor.indexOf(';', i);
                if (end < 0) {
                    return "malformed descriptor " + descriptor;
                }
                if (i == 0 || "();[BCDFIJSZV".indexOf(descriptor.charAt(i - 1)) >= 0) {
                    String reason = checkClass(descriptor.substring(i + 1, end));
                    if (reason != null) {
                        return reason;
                    }
                    i = end;
                }
            }
            return null;
        }

        /** {@return the element class of an internal name or array descriptor, or null for primitive arrays} */
        private static String elementType(String internalName) {
            if (!internalName.startsWith("[")) {
                return internalName;
            }
            int i = 0;
            while (i < internalName.length() && internalName.charAt(i) == '[') {
                i++;
            }
            return internalName.charAt(i) == 'L' ? internalName.substring(i + 1, internalName.length() - 1) : null;
        }
    }
}
