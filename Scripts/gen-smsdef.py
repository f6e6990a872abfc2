#!/usr/bin/env python3
"""Generate a large, valid, SMS_def.mof-like MOF file for benchmarks.

Usage: gen-smsdef.py [SIZE_MB] [OUT]

SIZE_MB (default 50, may be fractional) is the approximate size in MB (10^6 bytes); the file ends
at the first class boundary past that size. OUT defaults to standard output. The output is a pure
function of SIZE_MB (a seeded PRNG, no clock, no hash ordering): the same arguments give the same
bytes. Line endings are CRLF, as in the files ConfigMgr ships.

The file mixes what real hardware-inventory files hold:
  * SMS_def.mof parts: `#pragma namespace("\\\\.\\root\\cimv2\\sms")`, qualifier declarations,
    `#pragma deleteclass(..., NOFAIL)`, reporting classes derived from SMS_Class_Template with
    SMS_Report / SMS_Group_Name / SMS_Class_ID / Namespace / SMS_Units / SMS_Context_n qualifiers;
  * configuration.mof parts: `#pragma namespace("\\\\.\\root\\cimv2")`, RegProv classes with
    ClassContext / PropertyContext, `[DYNPROPS]` classes and `[DYNPROPS] instance of` with
    RegPropProv property contexts;
  * `//` and `/* */` comments, a little non-ASCII text in comments, default values in every literal
    form (decimal, hex, octal, binary, real, string escapes, char16, booleans, NULL), arrays.
Every class name and SMS_Class_ID is unique (case-insensitively), every property name is unique
within its class, and nothing refers to a class before it is defined.
"""

import random
import sys

SEED = 0x5D5DEF  # fixed: the output depends only on the size argument
MB = 1_000_000

VENDORS = ["MICROSOFT", "CONTOSO", "FABRIKAM", "DELL", "HP", "LENOVO", "NORTHWIND", "ADVENTUREWORKS"]
CLASS_PREFIXES = ["Win32", "Win32Reg", "CCM", "Contoso", "Fabrikam", "DCIM", "HP", "Lenovo", "SMS_Ext"]
NOUNS = [
    "LogicalDisk", "DiskDrive", "Processor", "NetworkAdapter", "NetworkAdapterConfiguration",
    "OperatingSystem", "ComputerSystem", "BIOS", "PhysicalMemory", "VideoController", "SoundDevice",
    "Printer", "Service", "Process", "Volume", "Battery", "TPM", "BitLockerPolicy", "AddRemovePrograms",
    "InstalledSoftware", "PageFile", "USBController", "Keyboard", "PointingDevice", "Monitor",
    "Antivirus", "Firewall", "BrowserHelper", "OfficeProduct", "SQLInstance", "Hotfix", "Driver",
    "Certificate", "UserProfile", "LocalAdmin", "MappedDrive", "NetworkPrinter", "WindowsUpdate",
    "DeliveryOptimization", "PowerPlan", "SecureBoot", "Chassis", "Baseboard", "ThermalZone",
]
PROPERTY_WORDS = [
    "Device", "Drive", "Disk", "Free", "Total", "Install", "Last", "Boot", "Serial", "Product",
    "Vendor", "Manufacturer", "Model", "Version", "Build", "Status", "Health", "Media", "Volume",
    "Partition", "Firmware", "Driver", "Adapter", "Speed", "Capacity", "Memory", "Cache", "Clock",
    "Policy", "Protection", "Encryption", "Compliance", "Owner", "Publisher", "Language", "Region",
    "Channel", "Package", "Display", "Description", "Location", "Path", "Port", "Address", "Gateway",
    "Subnet", "Domain", "User", "Account", "Profile", "Service", "Start", "Error", "Warning", "Retry",
]
PROPERTY_SUFFIXES = ["ID", "Name", "Size", "Count", "Date", "Time", "Type", "Mode", "State", "Flags",
                     "Level", "Value", "Code", "Key", "Number", "String", "Percent", "Interval", ""]
INTEGER_RANGES = {
    "uint8": (0, 255), "sint8": (-128, 127), "uint16": (0, 65535), "sint16": (-32768, 32767),
    "uint32": (0, 4294967295), "sint32": (-2147483648, 2147483647),
    "uint64": (0, 18446744073709551615), "sint64": (-9223372036854775808, 9223372036854775807),
}
# Weights follow real inventory files: mostly strings and unsigned integers.
PROPERTY_TYPES = (["string"] * 12 + ["uint32"] * 6 + ["uint64"] * 3 + ["uint16"] * 3 + ["uint8"]
                  + ["sint32"] * 2 + ["sint64", "sint16", "sint8"] + ["boolean"] * 3 + ["datetime"] * 2
                  + ["real32", "real64", "char16"])
UNITS = ["KiloBytes", "Megabytes", "Gigabytes", "DecimalString", "HexString", "Seconds", "Minutes"]
REGISTRY_ROOTS = [
    r"SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall",
    r"SOFTWARE\\Wow6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall",
    r"SOFTWARE\\Policies\\Microsoft\\FVE",
    r"SOFTWARE\\Contoso\\Inventory",
    r"SOFTWARE\\Fabrikam\\Agent\\Settings",
    r"SYSTEM\\CurrentControlSet\\Control\\Session Manager",
]
# A few words that must never be identifiers (MOF keywords are case-insensitive).
RESERVED = {"class", "instance", "of", "qualifier", "scope", "flavor", "as", "ref", "any", "true",
            "false", "null", "association", "indication", "property", "reference", "method",
            "parameter", "schema", "pragma"}


class Generator:
    def __init__(self, target_bytes):
        self.rng = random.Random(SEED)
        self.target = target_bytes
        self.size = 0
        self.class_names = set()  # lower-cased: MOF names are case-insensitive
        self.class_ids = set()
        self.serial = 0
        self.chunks = []

    # -- output -------------------------------------------------------------------------------

    def emit(self, text):
        """Appends text written with LF; it is converted to CRLF on output."""
        data = text.replace("\n", "\r\n").encode("utf-8")
        self.size += len(data)
        self.chunks.append(data)

    def flush(self, out):
        out.write(b"".join(self.chunks))
        self.chunks = []

    # -- names --------------------------------------------------------------------------------

    def unique_class_name(self, prefix=None):
        rng = self.rng
        while True:
            self.serial += 1
            head = prefix or rng.choice(CLASS_PREFIXES)
            name = f"{head}_{rng.choice(NOUNS)}{rng.choice(['', 'Ex', 'Info', 'Detail', 'Status'])}_{self.serial}"
            if name.lower() not in self.class_names:
                self.class_names.add(name.lower())
                return name

    def unique_class_id(self, vendor, class_name):
        class_id = f"{vendor}|{class_name.upper()}|{self.rng.choice(['1.0', '1.0', '2.0', '3.1'])}"
        assert class_id not in self.class_ids  # class names are unique, so ids are too
        self.class_ids.add(class_id)
        return class_id

    def property_names(self, count):
        rng = self.rng
        names = []
        seen = set()
        while len(names) < count:
            name = rng.choice(PROPERTY_WORDS) + rng.choice(PROPERTY_WORDS) + rng.choice(PROPERTY_SUFFIXES)
            if len(seen) > 40 or rng.random() < 0.1:
                name += str(len(names))
            if name.lower() in seen or name.lower() in RESERVED:
                continue
            seen.add(name.lower())
            names.append(name)
        return names

    # -- literals -----------------------------------------------------------------------------

    def integer_literal(self, cim_type):
        rng = self.rng
        low, high = INTEGER_RANGES[cim_type]
        value = rng.choice([0, 1, low, high, rng.randint(max(low, -1000), min(high, 1000)), rng.randint(low, high)])
        if value >= 0 and cim_type.startswith("u"):
            form = rng.randrange(6)
            if form == 0 and value > 0:
                return f"0x{value:X}"
            if form == 1 and value > 0:
                return f"0{value:o}"
            if form == 2 and 0 < value < 4096:
                return f"{value:b}B" if rng.random() < 0.2 else f"{value:b}b"
        return str(value)

    def default_value(self, cim_type, is_array):
        rng = self.rng
        if is_array:
            items = [self.default_value(cim_type, False) for _ in range(rng.randint(1, 4))]
            items = ['"Unknown"' if item == "NULL" else item for item in items]  # no NULL inside arrays
            return "{" + ", ".join(items) + "}"
        if cim_type in INTEGER_RANGES:
            return self.integer_literal(cim_type)
        if cim_type == "boolean":
            return rng.choice(["TRUE", "FALSE", "true", "false"])
        if cim_type in ("real32", "real64"):
            return rng.choice(["0.0", "1.5", "-2.25", "3.0e2", "6.02E-3", ".5", "100.125"])
        if cim_type == "char16":
            return rng.choice(["'A'", "'z'", r"'\''", r"'\\'", r"'\x41'", r"'\t'", "' '"])
        if cim_type == "datetime":
            return rng.choice(['"20240131120000.000000+000"', '"19990101000000.000000-300"',
                               '"00000001000000.000000:000"'])
        return rng.choice([
            '""', '"Unknown"', r'"C:\\Windows\\System32"', r'"say \"hello\"\n"', '"tab\\tseparated"',
            r'"\x41\x42C"', '"multi" " part"', "NULL", '"https://contoso.example/inventory"',
        ])

    # -- file parts ---------------------------------------------------------------------------

    def header(self):
        self.emit(
            "//**************************************************************************\n"
            "//* File:        SMS_def.mof (generated benchmark input)\n"
            "//*\n"
            "//* Generated by Scripts/gen-smsdef.py for the mofkit benchmarks. It imitates the\n"
            "//* layout of a ConfigMgr hardware-inventory file: reporting classes in\n"
            "//* root\\cimv2\\sms and configuration.mof-style data classes in root\\cimv2.\n"
            "//* Contoso® and Fabrikam™ are fictitious — any resemblance is coincidental.\n"
            "//**************************************************************************\n"
            "\n"
            "/*\n"
            "   Qualifiers used by the inventory agent:\n"
            "     SMS_Report      TRUE to collect the class or property\n"
            "     SMS_Group_Name  the display name of the inventory group\n"
            "     SMS_Class_ID    VENDOR|NAME|VERSION, unique per class\n"
            "*/\n"
            "\n"
        )

    def sms_namespace(self):
        self.emit('#pragma namespace("\\\\\\\\.\\\\root\\\\cimv2\\\\sms")\n\n')

    def cimv2_namespace(self):
        self.emit('#pragma namespace ("\\\\\\\\.\\\\root\\\\cimv2")\n\n')

    def qualifier_declarations(self):
        self.emit(
            "// SMS qualifier declarations\n"
            "qualifier SMS_Report : boolean = false, scope(class, property), flavor(ToSubclass);\n"
            "qualifier SMS_Group_Name : string = null, scope(class);\n"
            "qualifier SMS_Class_ID : string = null, scope(class);\n"
            "qualifier SMS_Namespace : boolean = true, scope(class);\n"
            "qualifier SMS_Units : string = null, scope(property);\n"
            "qualifier Namespace : string = null, scope(class);\n"
            "qualifier SMS_Context_1 : string = null, scope(class);\n"
            "qualifier SMS_Context_2 : string = null, scope(class);\n"
            "qualifier SMS_Batching : boolean = false, scope(class), flavor(EnableOverride, Restricted);\n"
            "\n"
            "[SMS_Report(FALSE), abstract]\n"
            "class SMS_Class_Template\n"
            "{\n"
            "};\n"
            "\n"
        )

    def reporting_class(self):
        rng = self.rng
        name = self.unique_class_name()
        vendor = rng.choice(VENDORS)
        lines = []
        if rng.random() < 0.15:
            lines.append(f"/* {name}: inventory class for {vendor.title()} devices.\n"
                         f"   Added for hardware inventory cycle {rng.randint(1, 9)}. */\n")
        if rng.random() < 0.7:
            lines.append(f'#pragma deleteclass("{name}", NOFAIL)\n')
        qualifiers = [f"SMS_Report({rng.choice(['TRUE', 'TRUE', 'TRUE', 'FALSE'])})",
                      f'SMS_Group_Name("{name.split("_", 1)[1].rsplit("_", 1)[0]} {self.serial}")',
                      f'SMS_Class_ID("{self.unique_class_id(vendor, name)}")']
        if rng.random() < 0.3:
            qualifiers.append("SMS_Namespace(FALSE)")
        if rng.random() < 0.6:
            qualifiers.append(rng.choice([
                r'Namespace("\\\\\\\\.\\\\root\\\\cimv2")',
                r'Namespace("\\\\\\\\.\\\\root\\\\dcim\\\\sysman")',
                r'Namespace("\\\\\\\\localhost\\\\root\\\\Microsoft\\\\Windows\\\\Storage")',
            ]))
        if rng.random() < 0.05:
            qualifiers.append('SMS_Context_1("__ProviderArchitecture=64|uint32")')
            qualifiers.append('SMS_Context_2("__RequiredArchitecture=true|boolean")')
        if rng.random() < 0.5:
            lines.append("[ " + ", ".join(qualifiers) + " ]\n")
        else:  # one qualifier per line, aligned, as in the shipped file
            lines.append("[ " + ",\n  ".join(qualifiers) + " ]\n")
        lines.append(f"{rng.choice(['class', 'class', 'Class'])} {name} : SMS_Class_Template\n{{\n")
        indent = rng.choice(["    ", "\t", "  "])
        names = self.property_names(rng.randint(4, 30))
        keys = rng.randint(1, 2)
        for index, prop in enumerate(names):
            if rng.random() < 0.06:
                lines.append(f"{indent}// {prop}: {rng.choice(['reported as text', 'may be empty', 'see vendor docs'])}\n")
            cim_type = rng.choice(PROPERTY_TYPES)
            if index < keys:
                cim_type = rng.choice(["string", "string", "uint32"])
            report = "TRUE" if index < keys else rng.choice(["TRUE", "TRUE", "FALSE"])
            prop_qualifiers = [f"SMS_Report({report})" if rng.random() < 0.7 else f"SMS_Report ({report})"]
            if index < keys:
                prop_qualifiers.append(rng.choice(["key", "Key"]))
            elif cim_type in ("uint32", "uint64") and rng.random() < 0.3:
                prop_qualifiers.append(f'SMS_Units("{rng.choice(UNITS)}")')
            is_array = index >= keys and rng.random() < 0.08
            suffix = "[]" if is_array else ""
            default = ""
            if index >= keys and rng.random() < 0.08:
                default = " = " + self.default_value(cim_type, is_array)
            spacing = rng.choice([" ", "\t", "    "])
            lines.append(f"{indent}[{', '.join(prop_qualifiers)}]{spacing}{cim_type}{spacing}{prop}{suffix}{default};\n")
        lines.append("};\n\n")
        self.emit("".join(lines))

    def registry_class(self):
        """A configuration.mof RegProv class: every instance comes from a registry key."""
        rng = self.rng
        name = self.unique_class_name("Win32Reg")
        root = rng.choice(REGISTRY_ROOTS)
        lines = [f'#pragma deleteclass("{name}", NOFAIL)\n',
                 f'[dynamic, provider("RegProv"), ClassContext("local|HKEY_LOCAL_MACHINE\\\\{root}")]\n',
                 f"class {name}\n{{\n",
                 "    [key] string ProdID;\n"]
        for prop in self.property_names(rng.randint(3, 12)):
            cim_type = rng.choice(["string", "string", "uint32", "uint32", "string"])
            lines.append(f'    [PropertyContext("{prop}")] {cim_type} {prop};\n')
        lines.append("};\n\n")
        self.emit("".join(lines))

    def dynprops_class_and_instance(self):
        """A configuration.mof [DYNPROPS] class with one instance whose values come from RegPropProv."""
        rng = self.rng
        name = self.unique_class_name("Win32Reg")
        names = self.property_names(rng.randint(3, 15))
        types = [rng.choice(["string", "uint32", "uint32", "string", "datetime", "uint64"]) for _ in names]
        lines = [f'#pragma deleteclass("{name}", NOFAIL)\n', "[DYNPROPS]\n", f"class {name}\n{{\n",
                 "    [key]\n    string KeyName;\n"]
        for prop, cim_type in zip(names, types):
            lines.append(f"    {cim_type}\t{prop};\n")
        lines.append("};\n\n[DYNPROPS]\n")
        lines.append(f"{rng.choice(['instance of', 'Instance of'])} {name}\n{{\n")
        lines.append(f'    KeyName = "{name.split("_", 1)[1]}";\n')
        root = rng.choice(REGISTRY_ROOTS)
        for prop in names:
            context = f"local|HKEY_LOCAL_MACHINE\\\\{root}|{prop}"
            if rng.random() < 0.5:
                lines.append(f'    [PropertyContext("{context}"), Dynamic, Provider("RegPropProv")] {prop};\n')
            else:
                lines.append(f'    [PropertyContext("{context}"),\n     Dynamic, Provider("RegPropProv")]\n    {prop};\n')
        lines.append("};\n\n")
        self.emit("".join(lines))

    def generate(self, out):
        rng = self.rng
        self.header()
        self.sms_namespace()
        self.qualifier_declarations()
        while self.size < self.target:
            if rng.random() < 0.04:
                # A configuration.mof section, then back to the inventory namespace.
                self.cimv2_namespace()
                for _ in range(rng.randint(1, 4)):
                    if rng.random() < 0.5:
                        self.registry_class()
                    else:
                        self.dynprops_class_and_instance()
                self.sms_namespace()
            self.reporting_class()
            if len(self.chunks) >= 256:
                self.flush(out)
        self.emit("// end of generated file\n")
        self.flush(out)


def main(argv):
    if len(argv) > 3 or (len(argv) > 1 and argv[1] in ("-h", "--help")):
        sys.stderr.write("usage: gen-smsdef.py [SIZE_MB] [OUT]\n")
        return 2
    try:
        size_mb = float(argv[1]) if len(argv) > 1 else 50.0
    except ValueError:
        sys.stderr.write(f"gen-smsdef.py: SIZE_MB must be a number, not {argv[1]!r}\n")
        return 2
    if size_mb <= 0:
        sys.stderr.write("gen-smsdef.py: SIZE_MB must be positive\n")
        return 2
    generator = Generator(int(size_mb * MB))
    if len(argv) > 2 and argv[2] != "-":
        with open(argv[2], "wb") as out:
            generator.generate(out)
    else:
        generator.generate(sys.stdout.buffer)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
